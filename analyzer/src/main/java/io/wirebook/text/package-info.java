/**
 * Text built as UTF-8 bytes for the per-packet outputs: a line buffer with StringBuilder's appends
 * ({@link io.wirebook.text.Utf8Line}) and decimal digits written straight into a byte array
 * ({@link io.wirebook.text.Decimal}). Every stage that writes text uses it, so it depends on nothing.
 */
package io.wirebook.text;
