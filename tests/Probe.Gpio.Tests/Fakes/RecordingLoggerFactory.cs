using Microsoft.Extensions.Logging;

namespace Probe.Gpio.Tests.Fakes;

/// <summary>A logger factory that keeps every formatted line with its event id and level.</summary>
public sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly List<LogLine> _lines = [];

    public IReadOnlyList<LogLine> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public IReadOnlyList<string> Messages => [.. Lines.Select(line => line.Message)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private void Add(LogLine line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }
    }

    private sealed class Logger(RecordingLoggerFactory factory, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            factory.Add(new LogLine(category, logLevel, eventId.Id, formatter(state, exception)));
    }
}

/// <summary>One recorded log line.</summary>
public sealed record LogLine(string Category, LogLevel Level, int EventId, string Message);
