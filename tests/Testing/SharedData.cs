namespace DiaBan.Testing;

/// <summary>
/// The real Vietnamese boundary files, never copied into the repository: the folder named by env DIABAN_VN_DATA, else
/// the first <c>shared/data/vn</c> above the repository root (worktrees live beside <c>../shared</c>). A test that needs
/// a missing file fails naming that file and the folder searched: xunit 2.9 has no runtime skip, and CI has the data.
/// </summary>
public static class SharedData
{
    public const string FolderEnv = "DIABAN_VN_DATA";

    private static readonly Lazy<string?> Found = new(Find);

    public static string VnFolder => Found.Value ?? throw new DirectoryNotFoundException(
        $"the real boundary data folder shared/data/vn was not found above {RepoPaths.SolutionRoot}; " +
        $"put it at ../shared/data/vn beside the repository or set {FolderEnv} to it");

    /// <summary>The full path of `name` in the data folder; throws naming the file when it is not there.</summary>
    public static string VnFile(string name)
    {
        var path = Path.Combine(VnFolder, name);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"shared data file {name} is missing from {VnFolder} (set {FolderEnv} to the folder that holds it)", path);
        return path;
    }

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(FolderEnv);
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        for (var dir = new DirectoryInfo(RepoPaths.SolutionRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "vn");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
