/**
 * Files for service authors: {@link io.gatehouse.api.files.Download}, what a method returns to stream a file to its
 * caller (resumable, checksummed), and {@link io.gatehouse.api.files.FileArea}, the one directory a service's callers
 * name files in, which refuses every path that would leave it. A method receives a streamed upload through a
 * {@link java.io.InputStream} parameter (README, "Files").
 */
package io.gatehouse.api.files;
