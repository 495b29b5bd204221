/**
 * Small plain-Java building blocks that several capabilities share and none owns: the file system's durability steps
 * ({@link io.edgepublisher.support.Fsync}), named daemon threads ({@link io.edgepublisher.support.DaemonThreads}) and a
 * folder kept within a size ({@link io.edgepublisher.support.FolderLimit}).
 */
package io.edgepublisher.support;
