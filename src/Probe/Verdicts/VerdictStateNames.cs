namespace Probe.Verdicts;

/// <summary>The contract spelling of states (snake_case), used in JSON, line protocol and logs.</summary>
public static class VerdictStateNames
{
    public static string ToName(this VerdictState state) => state switch
    {
        VerdictState.Unknown => "unknown",
        VerdictState.Online => "online",
        VerdictState.Degraded => "degraded",
        VerdictState.DnsTampering => "dns_tampering",
        VerdictState.PlatformBlock => "platform_block",
        VerdictState.InternationalCut => "international_cut",
        VerdictState.FullShutdown => "full_shutdown",
        VerdictState.LocalFault => "local_fault",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static bool TryParse(string name, out VerdictState state)
    {
        foreach (var candidate in Enum.GetValues<VerdictState>())
        {
            if (candidate.ToName() == name)
            {
                state = candidate;
                return true;
            }
        }

        state = VerdictState.Unknown;
        return false;
    }
}
