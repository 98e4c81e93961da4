namespace Probe.Gpio;

/// <summary>The four status LEDs of the panel.</summary>
public enum Led
{
    Power,
    NetGreen,
    NetRed,
    Upload,
}
