namespace Probe.Status;

/// <summary>A stretch of card text in one style; <paramref name="SpaceBefore"/> says whether a space separates it from the previous run.</summary>
internal readonly record struct CardRun(string Text, CardRunStyle Style, bool SpaceBefore = false);
