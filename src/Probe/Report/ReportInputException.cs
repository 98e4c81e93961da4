namespace Probe.Report;

/// <summary>An input file that is not a readable <c>probe export</c> (lp or json): names the file and the line.</summary>
internal sealed class ReportInputException : Exception
{
    public ReportInputException(string file, long line, string problem)
        : base($"{file}:{line}: {problem}")
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    public ReportInputException()
    {
        File = "";
        Problem = "";
    }

    public ReportInputException(string message)
        : base(message)
    {
        File = "";
        Problem = message;
    }

    public ReportInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "";
        Problem = message;
    }

    public string File { get; }

    /// <summary>1-based line number (0: the file as a whole, e.g. it cannot be opened).</summary>
    public long Line { get; }

    public string Problem { get; }
}
