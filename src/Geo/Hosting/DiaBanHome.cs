namespace DiaBan.Geo.Hosting;

/// <summary>The folder that holds `.diaban/` (private cluster, generated secrets): the repository root by default.</summary>
public static class DiaBanHome
{
    /// <summary>Configured folder, else DIABAN_HOME, else the ancestor holding DiaBan.sln (from the working or app folder), else the working folder.</summary>
    public static string Resolve(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        var env = Environment.GetEnvironmentVariable("DIABAN_HOME");
        if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
        return FindSolutionRoot(Directory.GetCurrentDirectory())
            ?? FindSolutionRoot(AppContext.BaseDirectory)
            ?? Directory.GetCurrentDirectory();
    }

    public static string? FindSolutionRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DiaBan.sln"))) return dir.FullName;
        return null;
    }
}
