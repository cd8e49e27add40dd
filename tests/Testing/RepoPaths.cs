using System.Reflection;
using DiaBan.Geo.Hosting;

namespace DiaBan.Testing;

/// <summary>Finds the repository root from the test's base directory or, when built elsewhere (--artifacts-path), its source folder.</summary>
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

    public static string Repo(params string[] parts) => Path.Combine([SolutionRoot, .. parts]);
}
