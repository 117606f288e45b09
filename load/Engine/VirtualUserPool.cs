using Resilience.Load.Simulations;

namespace Resilience.Load.Engine;

/// <summary>
/// Closed-model virtual users. The scheduler sets a target; users below it loop (iteration, think time),
/// users at or above it finish their iteration and leave. A user keeps its random source and iteration
/// count when it is started again, so each user's sequence of choices depends only on the seed.
/// </summary>
internal sealed class VirtualUserPool
{
    private const int Idle = 0;
    private const int Running = 1;

    private readonly IterationRunner _runner;
    private readonly InFlightTracker _inFlight;
    private readonly CancellationToken _stopToken;
    private readonly int[] _states;
    private readonly Random?[] _randoms;
    private readonly long[] _iterations;
    private int _target;
    private ThinkTime _thinkTime = ThinkTime.None;

    public VirtualUserPool(int capacity, IterationRunner runner, InFlightTracker inFlight, CancellationToken stopToken)
    {
        _runner = runner;
        _inFlight = inFlight;
        _stopToken = stopToken;
        _states = new int[capacity];
        _randoms = new Random?[capacity];
        _iterations = new long[capacity];
    }

    public ThinkTime ThinkTime
    {
        get => Volatile.Read(ref _thinkTime);
        set => Volatile.Write(ref _thinkTime, value);
    }

    /// <summary>Called from the scheduler thread only.</summary>
    public void SetTarget(int target)
    {
        var previous = _target;
        Volatile.Write(ref _target, target);
        // Users below the old target are running or are re-checking the target on their way out (see RunAsync).
        for (var user = previous; user < target; user++)
        {
            if (Interlocked.CompareExchange(ref _states[user], Running, Idle) == Idle)
            {
                var index = user;
                _ = Task.Run(() => RunAsync(index));
            }
        }
    }

    private async Task RunAsync(int user)
    {
        var random = _randoms[user] ??= _runner.CreateVirtualUserRandom(user);
        while (StaysActive(user))
        {
            if (!_inFlight.TryEnterVirtualUser())
            {
                Volatile.Write(ref _states[user], Idle);
                return;
            }

            await _runner.RunVirtualUserIterationAsync(user, _iterations[user]++, random).ConfigureAwait(false);
            var think = ThinkTime.Draw(random);
            if (think > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(think, _stopToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Volatile.Write(ref _states[user], Idle);
                    return;
                }
            }
        }
    }

    /// <summary>
    /// True while the user is under the target. On the way out it marks itself idle and then looks once more:
    /// if the target rose meanwhile, whichever of it and <see cref="SetTarget"/> wins the CAS keeps the user.
    /// </summary>
    private bool StaysActive(int user)
    {
        if (user < Volatile.Read(ref _target) && !_stopToken.IsCancellationRequested)
        {
            return true;
        }

        Volatile.Write(ref _states[user], Idle);
        return user < Volatile.Read(ref _target)
               && !_stopToken.IsCancellationRequested
               && Interlocked.CompareExchange(ref _states[user], Running, Idle) == Idle;
    }
}
