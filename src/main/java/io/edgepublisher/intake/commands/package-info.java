/**
 * The intake commands, one class each: {@code run msg client} / {@code run mqtt client}, {@code get msg client},
 * {@code exit msg client} / {@code exit mqtt}, {@code run message broker}. Installed by {@code IntakeModule}.
 */
package io.edgepublisher.intake.commands;
