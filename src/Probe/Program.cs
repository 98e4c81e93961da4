using Probe.Cli;
using Probe.Localization;

var stdout = Console.Out;
var stderr = Console.Error;
Text.Use(LanguageChoice.Resolve(CommandLine.ConfigPathIn(args), Environment.GetEnvironmentVariable));
return await CommandLine.Build(stdout, stderr).Parse(args).InvokeAsync();
