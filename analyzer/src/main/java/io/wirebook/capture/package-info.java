/**
 * Sources of frames, the first stage: pcap and pcapng files and standard input (streamed through one
 * fixed window, nothing allocated per frame), live capture through pcap4j, and writers of pcap and
 * pcapng; and {@link io.wirebook.capture.Bytes}, the reader of multi-byte fields every later stage shares.
 * Knows nothing of the stages after it.
 */
package io.wirebook.capture;
