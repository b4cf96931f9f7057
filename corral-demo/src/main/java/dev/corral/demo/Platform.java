package dev.corral.demo;

/** What a service runs on; decides its stack traces, thread names and exception types. */
enum Platform {
  JVM,
  PYTHON,
  /** .NET, for the key-style services. */
  DOTNET
}
