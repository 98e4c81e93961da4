using System.Diagnostics;
using System.Net;

namespace Probe.Tests.Upload;

/// <summary>A tiny loopback HTTP store for what a real one cannot be made to do (429 with Retry-After, hanging); records each request.</summary>
internal sealed class StubStoreServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<int, StubAnswer> _answer;
    private readonly List<(TimeSpan At, string Path)> _requests = [];
    private readonly List<string?> _authorizations = [];
    private readonly Dictionary<int, (string? Encoding, byte[] Body)> _bodies = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public StubStoreServer(Func<int, StubAnswer> answer)
    {
        _answer = answer;
        Port = LoopbackServerProcess.FreePort();
        Url = new Uri($"http://127.0.0.1:{Port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Url { get; }

    public IReadOnlyList<(TimeSpan At, string Path)> Requests { get { lock (_requests) { return _requests.ToList(); } } }

    /// <summary>The Authorization header of each request, in order.</summary>
    public IReadOnlyList<string?> Authorizations { get { lock (_requests) { return _authorizations.ToList(); } } }

    /// <summary>The body of request <paramref name="index"/> as it arrived, with its Content-Encoding; null until it was read.</summary>
    public (string? Encoding, byte[] Body)? BodyOf(int index) { lock (_requests) { return _bodies.TryGetValue(index, out var body) ? body : null; } }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by its listener being closed.
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            int index;
            lock (_requests)
            {
                _requests.Add((_clock.Elapsed, context.Request.Url?.PathAndQuery ?? ""));
                _authorizations.Add(context.Request.Headers["Authorization"]);
                index = _requests.Count - 1;
            }

            _ = Task.Run(() => AnswerAsync(context, index, _answer(index)));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, int index, StubAnswer answer)
    {
        try
        {
            using (var body = new MemoryStream())
            {
                await context.Request.InputStream.CopyToAsync(body);
                lock (_requests)
                {
                    _bodies[index] = (context.Request.Headers["Content-Encoding"], body.ToArray());
                }
            }

            if (answer.Hang)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }

            context.Response.StatusCode = answer.Status;
            if (answer.RetryAfterSeconds is { } seconds)
            {
                context.Response.AddHeader("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            context.Response.Close();
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The test is over or the client gave up (timeout): nothing to answer.
        }
    }
}
