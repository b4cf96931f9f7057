/** Fluent forward protocol input (Message, Forward, PackedForward, CompressedPackedForward; ack on chunk). */
package dev.corral.server.inputs.fluent;
