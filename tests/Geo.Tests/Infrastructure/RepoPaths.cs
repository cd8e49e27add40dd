using System.Reflection;
using DiaBan.Geo.Hosting;

namespace DiaBan.Geo.Tests.Infrastructure;

/// <summary>Finds the repository root and the shared data folder from the test's base directory or its source folder.</summary>
public static class RepoPaths
{
    private static IEnumerable<string> Starts()
    {
        yield return AppContext.BaseDirectory;
        var src = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SourceDirectory")?.Value;
        if (src is not null) yield return src;
    }

    public static string SolutionRoot =>
        Starts().Select(DiaBanHome.FindSolutionRoot).FirstOrDefault(r => r is not null)
        ?? throw new InvalidOperationException($"no DiaBan.sln above {AppContext.BaseDirectory}; set DIABAN_TEST_DB_ADMIN");

    /// <summary>`shared/data/vn` beside an ancestor (worktrees and main both sit next to /work/shared).</summary>
    public static string VnFolder
    {
        get
        {
            foreach (var start in Starts())
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    var candidate = Path.Combine(dir.FullName, "shared", "data", "vn");
                    if (Directory.Exists(candidate)) return candidate;
                }
            throw new InvalidOperationException(
                "shared/data/vn not found beside any ancestor of the test folder: these tests need the real boundary files (../shared/data/vn)");
        }
    }

    public static string Vn(string file) => Path.Combine(VnFolder, file);

    public static string Repo(params string[] parts) => Path.Combine([SolutionRoot, .. parts]);
}
