using Spectre.Console;

namespace DiaBan.Cli;

/// <summary>
/// How long runs and results look: Spectre.Console spinners, progress bars and tables when the stream is an
/// interactive terminal; plain lines (progress on stderr, results on stdout) when it is redirected or captured,
/// so scripts and tests read stable text.
/// </summary>
public sealed class Terminal
{
    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly IAnsiConsole? _progress;
    private readonly IAnsiConsole? _tables;

    public Terminal(TextWriter @out, TextWriter err)
    {
        _out = @out;
        _err = err;
        if (ReferenceEquals(err, Console.Error) && !Console.IsErrorRedirected)
            _progress = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (ReferenceEquals(@out, Console.Out) && !Console.IsOutputRedirected)
            _tables = AnsiConsole.Console;
    }

    /// <summary>One long step whose progress is reported as lines: a spinner showing the latest line on a terminal.</summary>
    public async Task<T> StepAsync<T>(string? title, Func<Action<string>, Task<T>> work)
    {
        if (_progress is null)
        {
            if (title is not null) _err.WriteLine(title);
            return await work(_err.WriteLine);
        }
        return await _progress.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(title ?? "…"), status => work(line =>
        {
            _progress.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
            status.Status(Markup.Escape(line));
        }));
    }

    /// <summary>The same work for each item, with a progress bar (items done of all, elapsed time) on a terminal.</summary>
    public async Task<IReadOnlyList<TResult>> EachAsync<TItem, TResult>(string title, IReadOnlyList<TItem> items, Func<TItem, Task<TResult>> work)
    {
        var results = new List<TResult>(items.Count);
        if (_progress is null)
        {
            foreach (var item in items) results.Add(await work(item));
            return results;
        }
        await _progress.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async p =>
            {
                var task = p.AddTask(Markup.Escape(title), maxValue: items.Count);
                foreach (var item in items)
                {
                    results.Add(await work(item));
                    task.Increment(1);
                }
            });
        return results;
    }

    /// <summary>Results as a table on a terminal, as <paramref name="plain"/> lines otherwise (the stable text scripts read).</summary>
    public void Table(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows, IEnumerable<string> plain, string? caption = null)
    {
        if (_tables is null)
        {
            foreach (var line in plain) _out.WriteLine(line);
            return;
        }
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns) table.AddColumn(Markup.Escape(column));
        foreach (var row in rows) table.AddRow(row.Select(c => new Text(c)).ToArray());
        if (caption is not null) table.Caption(Markup.Escape(caption));
        _tables.Write(table);
    }
}
