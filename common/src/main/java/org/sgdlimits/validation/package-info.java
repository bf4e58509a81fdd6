/**
 * Typed input errors: {@link org.sgdlimits.validation.FieldPath} (the path of a field in a nested input) and
 * {@link org.sgdlimits.validation.InvalidFieldException} (a field's problem, carried with its path). Every
 * validation of user input in the library throws the latter, so that the reader of an experiment file or a
 * command line can place an error at the field the user wrote without re-parsing its message (issue 12).
 */
package org.sgdlimits.validation;
