using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Verbatim.Cli;

/// <summary>
/// Progress of a long run, on stderr only (stdout carries the data). On a terminal: a Spectre.Console
/// live line; redirected: a plain <c>progress: ...</c> line every few seconds. Runs that end within the
/// first interval print nothing. Messages during the run go through <see cref="WriteLine"/> so they do
/// not tear the live display.
/// </summary>
internal sealed class Progress : IDisposable
{
    internal enum Mode { Off, Plain, Live }

    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan LiveDelay = TimeSpan.FromSeconds(1);

    private readonly Mode _mode;
    private readonly TextWriter _stderr;
    private readonly TimeSpan _interval;
    private readonly IAnsiConsole? _console;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private readonly ManualResetEventSlim _stop = new();
    // A dedicated thread, not a timer: a busy or starved thread pool must not silence progress.
    private readonly Thread? _ticker;
    private bool _disposed;
    private long _articles;
    private long _words;

    /// <summary>
    /// Live on a terminal stderr, unless stdout is the same terminal (the output itself shows progress and a
    /// live region would tangle with it); plain when stderr is redirected.
    /// </summary>
    public static Progress Start(CliIo io)
    {
        var mode = !io.StderrIsTerminal ? Mode.Plain : io.StdoutIsTerminal ? Mode.Off : Mode.Live;
        return new Progress(mode, io.Stderr, mode == Mode.Live ? LiveDelay : PlainInterval);
    }

    internal Progress(Mode mode, TextWriter stderr, TimeSpan interval)
    {
        _mode = mode;
        _stderr = stderr;
        _interval = interval;
        if (mode == Mode.Live)
            // Live mode is only chosen when stderr is a terminal, so say so: Spectre would otherwise
            // fall back to static lines whenever stdin is redirected.
            _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr), Interactive = InteractionSupport.Yes });
        if (mode != Mode.Off)
        {
            _ticker = new Thread(Tick) { IsBackground = true, Name = "verbatim-progress" };
            _ticker.Start();
        }
    }

    public long Articles => Interlocked.Read(ref _articles);
    public long Words => Interlocked.Read(ref _words);

    /// <summary>Counts finished articles; thread-safe.</summary>
    public void Advance(int articles, long words)
    {
        Interlocked.Add(ref _articles, articles);
        Interlocked.Add(ref _words, words);
    }

    /// <summary>Writes one message line to stderr without breaking the live display.</summary>
    public void WriteLine(string message)
    {
        if (_console is not null)
            _console.WriteLine(message);    // plain text, not markup; Spectre redraws the live region below it
        else
            lock (_lock)
                _stderr.WriteLine(message);
    }

    internal string Describe()
    {
        double seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        long articles = Articles;
        return string.Create(CultureInfo.InvariantCulture,
            $"{articles} articles, {Words} words, {articles / seconds:0} articles/s");
    }

    private void Tick()
    {
        // Silent until the first interval has passed: short runs print nothing.
        if (_stop.Wait(_interval)) return;
        if (_mode == Mode.Plain)
        {
            do
            {
                lock (_lock)
                {
                    _stderr.WriteLine("progress: " + Describe());
                    _stderr.Flush();
                }
            }
            while (!_stop.Wait(_interval));
            return;
        }
        _console!.Progress()
            .AutoClear(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(Describe()), autoStart: true, maxValue: 1);
                task.IsIndeterminate = true;
                while (!_stop.Wait(200))
                    task.Description = Markup.Escape(Describe());
            });
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _stop.Set();
        _ticker?.Join();
        _stop.Dispose();
    }
}
