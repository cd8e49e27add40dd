using DiaBan.Cli;

// Ctrl+C cancels the running import; its transaction is rolled back
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
return await DiaBanCli.RunAsync(args, Console.Out, Console.Error, cancel.Token);
