using Probe.Cli;

var stdout = Console.Out;
var stderr = Console.Error;
return await CommandLine.Build(stdout, stderr).Parse(args).InvokeAsync();
