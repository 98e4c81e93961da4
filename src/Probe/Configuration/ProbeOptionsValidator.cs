using Probe.Budget;
using Probe.Checks;
using Probe.Hosting;
using Probe.Status;
using Probe.Storage;
using Probe.Upload;

namespace Probe.Configuration;

/// <summary>
/// Checks every setting except the targets (see Targets.TargetList) and names the key of each problem: the probe's own
/// keys here, each feature's options by the validator beside them, in the order of the file.
/// </summary>
internal static class ProbeOptionsValidator
{
    public static void Validate(ProbeOptions o, ProblemList problems)
    {
        const string P = ProbeOptions.Section;
        if (!OptionRules.TagSafe().IsMatch(o.Id))
        {
            problems.Add($"{P}:Id", Localization.Text.Format("config.id.invalid", o.Id));
        }

        if (o.Language is { } language && Localization.LanguageChoice.FromName(language) is null)
        {
            problems.Add($"{P}:Language", Localization.Text.Format("config.language.unknown", language));
        }

        if (o.Asn is <= 0)
        {
            problems.Add($"{P}:Asn", Localization.Text.Format("config.asn.invalid", o.Asn));
        }

        GatewayOptionsValidator.Validate(o.Gateway, problems);
        ResolverOptionsValidator.Validate(o.Resolvers, problems);
        ScheduleOptionsValidator.Validate(o.Schedule, problems);
        BudgetOptionsValidator.Validate(o.Budget, problems);
        ChecksOptionsValidator.Validate(o.Checks, problems);
        StoreOptionsValidator.Validate(o.Store, problems);
        SinkOptionsValidator.Validate(o.Sink, problems);
        LedsOptionsValidator.Validate(o.Leds, problems);
    }
}
