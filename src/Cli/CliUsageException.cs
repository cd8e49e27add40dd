namespace DiaBan.Cli;

/// <summary>The command line itself is wrong: print the message and the group's usage, exit 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
