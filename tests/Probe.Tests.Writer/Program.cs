// Usage: Probe.Tests.Writer <store path> <batch size> <target prefix> [<stage path> <move interval ms>]
// Appends numbered results (target "<prefix><n>") in batches until killed, and after each committed batch prints the
// number of its last result, so the test knows exactly which rows must survive a SIGKILL. With a stage, as the daemon
// does: every batch committed on the stage, moved to the store every move interval.
using Microsoft.Extensions.DependencyInjection;
using Probe.Checks;
using Probe.Clock;
using Probe.Configuration;
using Probe.Storage;
using Probe.Targets;

var path = args[0];
var batchSize = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var prefix = args[2];

var services = new ServiceCollection();
if (args.Length >= 5)
{
    services.AddSingleton(new StoreStage(args[3], TimeSpan.FromMilliseconds(int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture))));
}

services
    .AddLogging()
    .Configure<ProbeOptions>(o =>
    {
        o.Id = "writer";
        o.Store.Path = path;
    })
    .AddResultStore();
await using var provider = services.BuildServiceProvider();
var store = provider.GetRequiredService<IResultStore>();
var clock = provider.GetRequiredService<IProbeClock>();

for (var next = 0L; ; next += batchSize)
{
    var batch = new List<CheckResult>(batchSize);
    for (var i = next; i < next + batchSize; i++)
    {
        batch.Add(new CheckResult
        {
            Target = prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Group = TargetGroup.National,
            Kind = CheckKind.Tcp,
            Host = "writer.example.sn",
            Port = 443,
            Ok = true,
            Ms = 1,
            Clock = clock.Read(),
        });
    }

    await store.AppendResultsAsync(batch, CancellationToken.None);
    Console.WriteLine(next + batchSize - 1);
    Console.Out.Flush();
}
