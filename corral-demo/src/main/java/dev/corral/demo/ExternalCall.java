package dev.corral.demo;

/** The external-call part of an event: one call to something outside the fleet. */
record ExternalCall(String protocol, String host, String endpoint, String method, int status, double timeTakenMs) {}
