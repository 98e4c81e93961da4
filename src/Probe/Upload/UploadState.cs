namespace Probe.Upload;

/// <summary>
/// Where the upload stands between and during drains (<see cref="UploadWorker.State"/>). A drain moves the worker from
/// any state to <see cref="Draining"/>, and its result to one of the others (<see cref="UploadWorker.StateAfter"/>).
/// </summary>
public enum UploadState
{
    /// <summary>Nothing sent yet, or the last drain emptied the queue: the next drain comes at the poll interval.</summary>
    Idle,

    /// <summary>A drain is under way: batches are being read, sent and marked.</summary>
    Draining,

    /// <summary>The queue ran dry with rows left: they are held for their boot's clock (Store.UnsyncedHoldLimit).</summary>
    WaitingForClock,

    /// <summary>The store was unreachable (or the cycle failed): the loop waits, doubling per failure, and tries again.</summary>
    BackingOff,

    /// <summary>
    /// The store refused our results (401, 403, 404, 405, 407, 410, 415, 426) or rejected every batch before it accepted
    /// any: a person must fix the configuration; the loop retries rarely (PROBE.md, The LEDs: fast blink).
    /// </summary>
    Refused,
}
