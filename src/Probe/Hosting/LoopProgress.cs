namespace Probe.Hosting;

/// <summary>What a daemon loop last said it is doing: waiting until a time, or busy with a cycle until at most a time.</summary>
/// <param name="Busy">In a cycle (true) or waiting for the next one (false).</param>
/// <param name="Until">When the wait ends, or the cycle's budget runs out.</param>
/// <param name="Deadline">After this, a loop that has not reported again is hung.</param>
internal sealed record LoopProgress(bool Busy, DateTimeOffset Until, DateTimeOffset Deadline);
