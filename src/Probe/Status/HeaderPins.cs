namespace Probe.Status;

/// <summary>Where a BCM GPIO number sits on the Raspberry Pi's 40-pin header (the pin a technician counts to).</summary>
internal static class HeaderPins
{
    private static readonly Dictionary<int, int> PhysicalByBcm = new()
    {
        [2] = 3, [3] = 5, [4] = 7, [14] = 8, [15] = 10, [17] = 11, [18] = 12, [27] = 13, [22] = 15, [23] = 16,
        [24] = 18, [10] = 19, [9] = 21, [25] = 22, [11] = 23, [8] = 24, [7] = 26, [0] = 27, [1] = 28, [5] = 29,
        [6] = 31, [12] = 32, [13] = 33, [19] = 35, [16] = 36, [26] = 37, [20] = 38, [21] = 40,
    };

    /// <summary>The header pin of a BCM GPIO, or null when it is not on the header (another chip's line).</summary>
    public static int? Of(int bcm) => PhysicalByBcm.TryGetValue(bcm, out var pin) ? pin : null;
}
