namespace DiaBan.Bench.Stats;

/// <summary>Finds the repository root (the folder with DiaBan.sln) and the shared data folder beside it.</summary>
internal static class RepositoryPaths
{
    public static string DefaultVnFolder()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DiaBan.sln"))) return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "vn"));
            }
        }
        throw new DirectoryNotFoundException("Run from inside the repository or pass the folder holding communes_pre2025_national.geojson.");
    }
}
