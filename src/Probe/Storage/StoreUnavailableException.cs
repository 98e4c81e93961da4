namespace Probe.Storage;

/// <summary>The local store cannot be opened or read right now (read-only or full location, I/O error); appends are kept in memory meanwhile.</summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
