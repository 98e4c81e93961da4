using System.Runtime.InteropServices;

namespace Probe.Hosting;

/// <summary>
/// glibc's malloc, kept to two arenas. OpenSSL allocates on whichever thread-pool thread runs a handshake, and glibc
/// gives each such thread an arena of its own (up to 8 per core), each holding its freed memory: about 2.6 MB resident
/// in eight arenas under the TLS-heavy footprint workload (bench/RESULTS.md section 10). Set in code, at the very
/// start, because a service's environment is the unit's; an operator's own MALLOC_ARENA_MAX or GLIBC_TUNABLES wins.
/// </summary>
internal static class NativeHeap
{
    private const int ArenaMaxOption = -8; // M_ARENA_MAX in glibc's malloc.h
    private const int Arenas = 2;

    public static void LimitArenas(Func<string, string?> environment)
    {
        if (!OperatingSystem.IsLinux() || environment("MALLOC_ARENA_MAX") is not null || environment("GLIBC_TUNABLES") is not null)
        {
            return;
        }

        try
        {
            _ = Mallopt(ArenaMaxOption, Arenas);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no arenas to limit): nothing to do.
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Mallopt(int option, int value);
}
