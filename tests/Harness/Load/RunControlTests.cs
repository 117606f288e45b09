using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Resilience.Load;
using Resilience.Load.Http;
using Resilience.Load.Records;
using Resilience.Load.Simulations;
using Resilience.Load.Thresholds;

namespace Resilience.Tests.Harness.Load;

/// <summary>Thresholds over windows, abort-on-fail, annotations, live progress and closed-second events on real runs.</summary>
[Collection(nameof(LoadTimingCollection))]
public sealed class RunControlTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Thresholds_judge_their_own_window_of_the_run()
    {
        // At 100/s, requests 251 to 350 are scheduled from 2.5 s to 3.5 s; the server fails exactly those. The
        // windows keep half a second or more from them, so a stalled machine cannot move a failure across.
        await using var server = await TestHttpServer.StartAsync(FailRequests(from: 251, to: 350));
        using var client = LoadHttpClient.Create();

        var result = await LoadRuns.For(LoadRuns.Get(client, server.Url), output, Simulation.Inject(100, TimeSpan.FromSeconds(6)))
            .WithThresholds(
                "error_rate == 0 in 0s..2s",
                "error_rate >= 25% in 2s..4s",
                "error_rate == 0 in 5s..6s",
                "error_rate < 1%")
            .RunAsync();

        output.WriteTimeline(result);
        result.Thresholds.Select(check => (check.Name, check.Passed)).Should().Equal(
            ("error_rate == 0 in 0s..2s", true),
            ("error_rate >= 25% in 2s..4s", true),
            ("error_rate == 0 in 5s..6s", true),
            ("error_rate < 1%", false));
        result.Thresholds[^1].Actual.Should().Be("16.6667%");
        result.ThresholdsPassed.Should().BeFalse();
        result.ErrorsByKind.Should().Equal(new Dictionary<string, long> { ["http_500"] = 100 });
        result.Aborted.Should().BeFalse("no threshold asked to abort");
    }

    [Fact]
    public async Task A_failing_abort_on_fail_threshold_stops_the_run_early()
    {
        await using var server = await TestHttpServer.StartAsync(FailRequests(from: 101, to: int.MaxValue));
        using var client = LoadHttpClient.Create();
        var planned = TimeSpan.FromSeconds(10);

        var result = await LoadRuns.For(LoadRuns.Get(client, server.Url), output, Simulation.Inject(100, planned))
            .WithThresholds(Threshold.Parse("error_rate < 1%").WithAbortOnFail())
            .RunAsync();

        output.WriteTimeline(result);
        result.Aborted.Should().BeTrue();
        result.AbortReason.Should().Contain("error_rate < 1%").And.Contain("failed");
        result.Duration.Should().BeLessThan(TimeSpan.FromSeconds(5), "the errors begin in the second second and are judged each second");
        result.Totals.Attempted.Should().BeLessThan(500);
        result.Thresholds.Should().ContainSingle().Which.Passed.Should().BeFalse();
        result.Annotations.Should().ContainSingle(annotation => annotation.Kind == AnnotationKinds.Phase)
            .Which.End.Should().BeOnOrBefore(result.EndedAt, "the phase was cut short");
    }

    [Fact]
    public async Task Annotations_progress_and_closed_seconds_are_delivered_during_the_run()
    {
        await using var server = await TestHttpServer.StartAsync();
        using var client = LoadHttpClient.Create();
        var progress = new ConcurrentQueue<LoadProgress>();
        var closedSeconds = new ConcurrentQueue<TimelineSecond>();
        var test = LoadTest.For(LoadRuns.Get(client, server.Url))
            .WithLoad(Simulation.Inject(50, TimeSpan.FromSeconds(2)), Simulation.Pause(TimeSpan.FromSeconds(1)))
            .WithProgress(new Capture(new LoadProgressWriter(output.WriteLine), progress), TimeSpan.FromSeconds(1))
            .Build();

        await using var run = test.Start(TestContext.Current.CancellationToken);
        run.SecondCompleted += closedSeconds.Enqueue;
        var note = run.Annotate(AnnotationKinds.Note, "warm", "app");
        var beforeBegin = run.Now;
        var fault = run.BeginWindow(AnnotationKinds.Fault, "latency 100ms", "postgres");
        var afterBegin = run.Now;
        await Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        var beforeEnd = run.Now;
        fault.End();
        var afterEnd = run.Now;
        run.BeginWindow(AnnotationKinds.Breaker, "Open", "postgres");
        var result = await run.Completion;

        result.Annotations.Should().ContainEquivalentOf(note);
        var faultWindow = result.Annotations.Single(annotation => annotation.Kind == AnnotationKinds.Fault);
        faultWindow.Start.Should().BeOnOrAfter(beforeBegin).And.BeOnOrBefore(afterBegin, "a window starts on the run's clock when it is opened");
        faultWindow.End.Should().BeOnOrAfter(beforeEnd).And.BeOnOrBefore(afterEnd);
        faultWindow.Subject.Should().Be("postgres");
        result.Annotations.Single(annotation => annotation.Kind == AnnotationKinds.Breaker).End.Should().Be(result.EndedAt, "a window left open closes with the run");
        result.Annotations.Where(annotation => annotation.Kind == AnnotationKinds.Phase).Select(annotation => annotation.Label)
            .Should().Equal("inject 50/s for 2s", "pause 1s");
        var inject = result.Annotations.First(annotation => annotation.Kind == AnnotationKinds.Phase);
        inject.Start.Should().Be(result.StartedAt);
        inject.End.Should().Be(result.StartedAt + TimeSpan.FromSeconds(2));

        closedSeconds.Select(second => second.Second).Should().Equal(result.Timeline.Select(second => second.Second));
        progress.Should().HaveCountGreaterThanOrEqualTo(2);
        progress.Last().TotalCompleted.Should().Be(100, "the reports cover every completed iteration");
        progress.Should().OnlyContain(report => report.Scenario == "get" && report.Errors == 0);
    }

    [Fact]
    public async Task Cancelling_the_token_ends_the_run_promptly_and_cancels_running_steps()
    {
        await using var server = await TestHttpServer.StartAsync(async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var client = LoadHttpClient.Create();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var test = LoadRuns.For(LoadRuns.Get(client, server.Url), output, Simulation.Inject(20, TimeSpan.FromSeconds(30))).Build();
        var started = DateTimeOffset.UtcNow;

        cancellation.CancelAfter(TimeSpan.FromMilliseconds(500));
        var run = () => test.RunAsync(cancellation.Token);

        await run.Should().ThrowAsync<OperationCanceledException>();
        (DateTimeOffset.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(5), "in-flight steps are cancelled, not waited for");
    }

    private static Func<HttpContext, Task> FailRequests(int from, int to)
    {
        var count = 0;
        return context =>
        {
            var number = Interlocked.Increment(ref count);
            context.Response.StatusCode = number >= from && number <= to ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
            return Task.CompletedTask;
        };
    }

    private sealed class Capture(IProgress<LoadProgress> inner, ConcurrentQueue<LoadProgress> reports) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value)
        {
            reports.Enqueue(value);
            inner.Report(value);
        }
    }
}
