using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Probe.Storage;

namespace Probe.Upload;

/// <summary>Wraps a sink in a Polly pipeline: per-attempt timeout, jittered exponential retry honouring Retry-After, circuit breaker.</summary>
internal sealed class ResilientSink : ISink, IDisposable
{
    private readonly ISink _inner;
    private readonly ResiliencePipeline<SinkOutcome> _pipeline;

    public ResilientSink(ISink inner, UploadResilience settings, TimeProvider time, ILogger logger)
    {
        _inner = inner;
        _pipeline = new ResiliencePipelineBuilder<SinkOutcome> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<SinkOutcome>
            {
                ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome, settings)),
                MaxRetryAttempts = settings.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = settings.RetryMaxDelay,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    Log.WriteRetrying(logger, args.AttemptNumber + 1, args.RetryDelay, Reason(args.Outcome));
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<SinkOutcome>
            {
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome)),
                FailureRatio = settings.BreakerFailureRatio,
                MinimumThroughput = settings.BreakerMinimumThroughput,
                SamplingDuration = settings.BreakerSamplingDuration,
                BreakDuration = settings.BreakDuration,
                OnOpened = args =>
                {
                    Log.CircuitOpened(logger, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(settings.AttemptTimeout)
            .Build();
    }

    public bool Enabled => _inner.Enabled;

    public async Task<SinkOutcome> WriteAsync(IReadOnlyList<ProbePoint> points, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static (state, ct) => new ValueTask<SinkOutcome>(state.Inner.WriteAsync(state.Points, ct)),
                (Inner: _inner, Points: points),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            return SinkOutcome.Unreachable($"no answer within {ex.Timeout}");
        }
        catch (BrokenCircuitException ex)
        {
            return SinkOutcome.Unreachable("circuit open after repeated failures", ex.RetryAfter);
        }
    }

    public void Dispose() => (_inner as IDisposable)?.Dispose();

    private static bool IsFailure(Outcome<SinkOutcome> outcome) =>
        outcome.Exception is TimeoutRejectedException || outcome.Result?.Kind == SinkOutcomeKind.Unavailable;

    private static bool IsRetryable(Outcome<SinkOutcome> outcome, UploadResilience settings) => outcome switch
    {
        { Exception: TimeoutRejectedException } => true,
        { Result: { Kind: SinkOutcomeKind.Unavailable } result } =>
            result.RetryAfter is not { } wait || wait <= settings.MaxInlineRetryAfter,
        _ => false,
    };

    // "HTTP 503 Service Unavailable" or "Connection refused" (no response, so no status): never an empty part.
    private static string Reason(Outcome<SinkOutcome> outcome) =>
        outcome.Exception is { } ex ? ex.GetType().Name : Log.Described(outcome.Result?.StatusCode, outcome.Result?.Detail);
}
