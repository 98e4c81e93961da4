namespace Probe.Cli;

/// <summary>The output streams of a command: results on stdout, diagnostics on stderr.</summary>
public sealed record ConsoleIo(TextWriter Out, TextWriter Error);
