using System.Runtime.InteropServices;

namespace Probe.Clock;

/// <summary>The two libc calls the clock needs: clock_gettime(CLOCK_MONOTONIC) and a read-only adjtimex.</summary>
internal static class LinuxClockNative
{
    private const int ClockMonotonic = 1;
    private const int TimeError = 5;

    // struct timex is 208 bytes on LP64 glibc; a larger zeroed buffer keeps modes = 0 (read only) on any layout.
    private const int TimexBufferBytes = 512;

    /// <summary>Milliseconds since boot on CLOCK_MONOTONIC (does not jump when the wall clock is set).</summary>
    public static long MonotonicMs()
    {
        if (clock_gettime(ClockMonotonic, out var spec) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_MONOTONIC) failed: " + Marshal.GetLastPInvokeError());
        }

        return (spec.Seconds * 1000) + (spec.Nanoseconds / 1_000_000);
    }

    /// <summary>Whether the kernel thinks the clock is synchronized (adjtimex state is not TIME_ERROR, i.e. STA_UNSYNC clear); null when it cannot tell.</summary>
    public static bool? KernelSynced()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[TimexBufferBytes];
        int state;
        try
        {
            state = adjtimex(buffer);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }

        return state switch
        {
            -1 => null,
            TimeError => false,
            _ => true,
        };
    }

    // DllImport rather than LibraryImport: blittable signatures need no generated code and no unsafe blocks.
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int clock_gettime(int clockId, out TimeSpec spec);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int adjtimex([In, Out] byte[] timex);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
