using System.Threading.Tasks.Sources;

namespace Resilience.Load.Http;

/// <summary>
/// Bounds the connections of a <see cref="FixedRequestClient"/>. Unlike <see cref="SemaphoreSlim"/>, a request that
/// waits is resumed on the thread that releases a slot, at once, instead of being queued to the thread pool: under
/// overload every request waits, and a thread hop per request is what turns a brief stall into a collapse.
/// Waiters are pooled, so waiting allocates nothing once warm.
/// </summary>
internal sealed class ConnectionGate(int slots)
{
    private const int MaxInlineDepth = 4;

    [ThreadStatic]
    private static int t_inlineDepth;

    private readonly Lock _lock = new();
    private readonly Queue<Waiter> _waiters = new();
    private readonly Stack<Waiter> _spare = new();
    private int _available = slots;

    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_lock)
        {
            if (_available > 0)
            {
                _available--;
                return ValueTask.CompletedTask;
            }

            cancellationToken.ThrowIfCancellationRequested();
            waiter = _spare.TryPop(out var spare) ? spare : new Waiter(this);
            waiter.Arm();
            _waiters.Enqueue(waiter);
        }

        // A slot may be granted before this registers; the wait then simply completes at once.
        return waiter.Watch(cancellationToken);
    }

    public void Release()
    {
        while (true)
        {
            Waiter? next;
            lock (_lock)
            {
                if (!_waiters.TryDequeue(out next))
                {
                    _available++;
                    return;
                }
            }

            // A resumed waiter may finish at once (a refused connection) and release again from inside this call:
            // past a few levels its continuation goes to the thread pool, so the stack stays bounded.
            var inline = t_inlineDepth < MaxInlineDepth;
            t_inlineDepth++;
            try
            {
                if (next.TryGrant(inline))
                {
                    return;
                }
            }
            finally
            {
                t_inlineDepth--;
            }

            // It was cancelled meanwhile: the slot goes to the next one.
        }
    }

    private void Recycle(Waiter waiter)
    {
        lock (_lock)
        {
            _spare.Push(waiter);
        }
    }

    private sealed class Waiter(ConnectionGate gate) : IValueTaskSource
    {
        private const int Waiting = 0;
        private const int Done = 1;

        private ManualResetValueTaskSourceCore<bool> _core; // continuations run synchronously unless nested too deep
        private CancellationTokenRegistration _registration;
        private int _state = Done;

        /// <summary>Under the gate's lock, before the waiter is queued.</summary>
        public void Arm() => Volatile.Write(ref _state, Waiting);

        public ValueTask Watch(CancellationToken cancellationToken)
        {
            if (cancellationToken.CanBeCanceled)
            {
                _registration = cancellationToken.UnsafeRegister(
                    static (state, token) => ((Waiter)state!).TryCancel(token), this);
            }

            return new ValueTask(this, _core.Version);
        }

        public bool TryGrant(bool inline)
        {
            if (Interlocked.CompareExchange(ref _state, Done, Waiting) != Waiting)
            {
                return false;
            }

            _core.RunContinuationsAsynchronously = !inline;
            _core.SetResult(true);
            return true;
        }

        public void GetResult(short token)
        {
            try
            {
                _core.GetResult(token);
            }
            finally
            {
                // Disposed here, not on grant: the registration may be made after the grant (see WaitAsync).
                _registration.Dispose();
                _registration = default;
                _core.Reset();
                gate.Recycle(this);
            }
        }

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);

        private void TryCancel(CancellationToken token)
        {
            // A cancelled waiter stays in the queue; Release skips it (its state is no longer Waiting).
            if (Interlocked.CompareExchange(ref _state, Done, Waiting) == Waiting)
            {
                _core.SetException(new OperationCanceledException(token));
            }
        }
    }
}
