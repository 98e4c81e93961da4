namespace Probe.Upload;

/// <summary>The daemon's upload loop going to rest after a cycle: the state the cycle left and the wait before the next.</summary>
/// <param name="State">Where the upload stands (<see cref="UploadWorker.State"/>).</param>
/// <param name="Delay">The wait on the loop's clock before the next drain (<see cref="UploadSchedule.NextDelay"/>).</param>
internal sealed record UploadRest(UploadState State, TimeSpan Delay);
