namespace Probe.Cli;

/// <summary>Process exit codes of the command line (sysexits.h where one fits).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran but did not get everything done (e.g. <c>probe upload</c> left rows).</summary>
    public const int Incomplete = 1;

    /// <summary>EX_USAGE: bad command-line arguments.</summary>
    public const int Usage = 64;

    /// <summary>EX_DATAERR: an input file is broken or not the probe's (e.g. <c>probe report --input</c>).</summary>
    public const int DataError = 65;

    /// <summary>EX_SOFTWARE: an internal error.</summary>
    public const int Software = 70;

    /// <summary>EX_CANTCREAT: an output file could not be written.</summary>
    public const int CantCreate = 73;

    /// <summary>EX_CONFIG: the configuration is invalid.</summary>
    public const int Config = 78;
}
