using BenchmarkDotNet.Configs;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Probe.Bench.Micro;

// A short in-process job: about a minute, and no second build of a generated project on a shared machine;
// 10 iterations of 250 ms rather than ShortRun's 3, whose error bars were wider than the means on a loaded host.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithIterationCount(10).WithIterationTime(TimeInterval.FromMilliseconds(250))
        .WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkRunner.Run<HotPaths>(config, args);
