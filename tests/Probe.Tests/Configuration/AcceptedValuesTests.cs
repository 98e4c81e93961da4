using Probe.Configuration;

namespace Probe.Tests.Configuration;

/// <summary>The problems that list the accepted values read them from SinkKinds.All and LedDrivers.All, word for word as before.</summary>
public sealed class AcceptedValuesTests
{
    [TestCase("\"Sink\": { \"Kind\": \"influx3\" }", "Probe:Sink:Kind", "'influx3' is not a sink kind: influx2, influx1 or none")]
    [TestCase("\"Leds\": { \"Driver\": \"pwm\" }", "Probe:Leds:Driver", "'pwm' is not an LED driver: gpio, log or none")]
    public void Load_UnknownKind_ListsEveryAcceptedValue(string probeBody, string key, string problem)
    {
        using var config = new ConfigDirectory();
        config.WriteProbe(probeBody);

        var error = Assert.Throws<ConfigurationException>(() => config.Load());

        Assert.That((error.Key, error.Problem), Is.EqualTo((key, problem)));
    }

    [TestCase(new string[0], "")]
    [TestCase(new[] { "none" }, "none")]
    [TestCase(new[] { "log", "none" }, "log or none")]
    public void OneOf_FewValues_ReadsAsAList(string[] values, string expected)
    {
        Assert.That(OptionRules.OneOf(values), Is.EqualTo(expected));
    }
}
