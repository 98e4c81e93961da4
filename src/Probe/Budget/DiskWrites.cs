using System.Globalization;

namespace Probe.Budget;

/// <summary>What this process has written to disk (the kernel's write_bytes in /proc/self/io): the SD card's wear.</summary>
internal static class DiskWrites
{
    /// <summary>Bytes written since the process started; null where /proc/self/io cannot be read.</summary>
    public static long? Read(string path = "/proc/self/io")
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith("write_bytes:", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan("write_bytes:".Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
                {
                    return bytes;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }
}
