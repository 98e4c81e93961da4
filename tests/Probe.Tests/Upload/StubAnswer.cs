namespace Probe.Tests.Upload;

/// <summary>What the stub store answers to one request.</summary>
internal sealed record StubAnswer(int Status, int? RetryAfterSeconds = null, bool Hang = false)
{
    public static StubAnswer NoContent { get; } = new(204);
}
