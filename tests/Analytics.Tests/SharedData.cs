using System.Runtime.CompilerServices;

namespace DiaBan.Analytics.Tests;

/// <summary>
/// Locates the shared Vietnamese boundary folder (never copied into the repository): the first ancestor of the test's
/// base directory — or of this source file, when the build output lives elsewhere (--artifacts-path) — that has
/// shared/data/vn inside it; DIABAN_VN_DATA overrides. Missing folder = a failing test naming the folder.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> Folder = new(Find);

    public static string VnFolder => Folder.Value;

    public static string VnFile(string name)
    {
        var path = Path.Combine(VnFolder, name);
        if (!File.Exists(path)) throw new FileNotFoundException($"Shared data file missing: {path}");
        return path;
    }

    private static string Find()
    {
        var overridden = Environment.GetEnvironmentVariable("DIABAN_VN_DATA");
        if (!string.IsNullOrEmpty(overridden) && Directory.Exists(overridden)) return overridden;
        foreach (var start in new[] { AppContext.BaseDirectory, SourceDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data", "vn");
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            "The shared data folder ../shared/data/vn (beside the repository) was not found above " +
            $"{AppContext.BaseDirectory} or {SourceDirectory()}; set DIABAN_VN_DATA to it.");
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? ".";
}
