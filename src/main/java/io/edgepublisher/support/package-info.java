/**
 * Small plain-Java building blocks that several capabilities share and none owns: the file system's durability steps
 * ({@link io.edgepublisher.support.Fsync}) and named daemon threads ({@link io.edgepublisher.support.DaemonThreads}).
 */
package io.edgepublisher.support;
