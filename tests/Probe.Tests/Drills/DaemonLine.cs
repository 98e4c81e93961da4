using System.Globalization;

namespace Probe.Tests.Drills;

/// <summary>One line the daemon printed, with the time its logger stamped on it (or the time it was read, when unstamped).</summary>
internal sealed record DaemonLine(int Index, DateTimeOffset Time, string Text)
{
    /// <summary>The LED change a <c>log</c> driver line announces ("led net-red solid"), or null.</summary>
    public string? Led
    {
        get
        {
            const string Marker = "] led ";
            var at = Text.IndexOf(Marker, StringComparison.Ordinal);
            return at < 0 ? null : Text[(at + Marker.Length)..].Trim();
        }
    }

    /// <summary>The state of a "Verdict X (was Y)" line, or null.</summary>
    public string? CommittedState
    {
        get
        {
            var at = Text.IndexOf("] Verdict ", StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            var rest = Text[(at + "] Verdict ".Length)..];
            var end = rest.IndexOf(' ', StringComparison.Ordinal);
            return end < 0 ? rest : rest[..end];
        }
    }

    public static DaemonLine Parse(int index, string text, DateTimeOffset readAt)
    {
        // The console logger's prefix: "2026-11-28T11:30:00.123Z info: Category[1304] message".
        var stamp = text.Length > 24 ? text[..24] : "";
        var time = DateTimeOffset.TryParseExact(stamp, "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) ? parsed : readAt;
        return new DaemonLine(index, time, text);
    }

    public override string ToString() => Text;
}
