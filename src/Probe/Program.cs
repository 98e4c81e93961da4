using Probe.Cli;
using Probe.Hosting;
using Probe.Localization;

// Before the thread pool starts handshakes on threads of its own (each would get a malloc arena).
NativeHeap.LimitArenas(Environment.GetEnvironmentVariable);
var stdout = Console.Out;
var stderr = Console.Error;
Text.Use(LanguageChoice.Resolve(CommandLine.ConfigPathIn(args), Environment.GetEnvironmentVariable));
return await CommandLine.Build(stdout, stderr).Parse(args).InvokeAsync();
