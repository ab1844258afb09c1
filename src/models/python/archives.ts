// Where archive readers hand out the names of their entries, and the calls that create a file or directory at a
// path, as data for the archive-member-path-traversal rule. An entry's name is whatever the archive's author wrote:
// `../../etc/cron.d/x` and absolute paths included (the "Zip Slip" class). Nothing here decides a finding.

/** Modules one of which a file must import before the rule looks at it. */
export const ARCHIVE_MODULES: readonly string[] = ['tarfile', 'zipfile', 'pycdlib'];

/**
 * Methods whose result lists the entries by name, or entry objects whose name is an attribute: tarfile's
 * `getnames()`/`getmembers()` (`TarInfo.name`), zipfile's `namelist()`/`infolist()` (`ZipInfo.filename`), lhafile's
 * `namelist()`. Source: the libraries' documentation.
 */
export const MEMBER_LIST_METHODS: ReadonlySet<string> = new Set(['getnames', 'getmembers', 'namelist', 'infolist']);

/**
 * pycdlib's `walk()` yields `(dirname, dirlist, filelist)` for one of the ISO's namespaces, chosen by keyword; all
 * three hold names from the image. `full_path_from_dirrecord()` returns an entry's full path. Source: pycdlib's API
 * documentation (PyCdlib.walk, PyCdlib.full_path_from_dirrecord).
 */
export const ISO_WALK_KEYWORDS: ReadonlySet<string> = new Set(['iso_path', 'rr_path', 'joliet_path', 'udf_path']);
export const MEMBER_PATH_METHODS: ReadonlySet<string> = new Set(['full_path_from_dirrecord']);

/** Calls that create or write a file or directory at a path: the argument (position, keyword) that is the path. */
export interface PathWrite { name?: string; method?: string; index: number; keyword: string; needsWriteMode?: true }

export const PATH_WRITES: readonly PathWrite[] = [
  { name: 'open', index: 0, keyword: 'file', needsWriteMode: true },
  { name: 'io.open', index: 0, keyword: 'file', needsWriteMode: true },
  { name: 'os.open', index: 0, keyword: 'path' },
  { name: 'os.makedirs', index: 0, keyword: 'name' },
  { name: 'os.mkdir', index: 0, keyword: 'path' },
  { name: 'os.symlink', index: 1, keyword: 'dst' },
  { name: 'os.link', index: 1, keyword: 'dst' },
  { name: 'os.rename', index: 1, keyword: 'dst' },
  { name: 'os.replace', index: 1, keyword: 'dst' },
  { name: 'shutil.copy', index: 1, keyword: 'dst' },
  { name: 'shutil.copy2', index: 1, keyword: 'dst' },
  { name: 'shutil.copyfile', index: 1, keyword: 'dst' },
  { name: 'shutil.move', index: 1, keyword: 'dst' },
  // pycdlib writes the entry's content to a local path.
  { method: 'get_file_from_iso', index: 0, keyword: 'local_path' },
];

/**
 * Calls whose appearance in a test on the entry's path makes it a containment check: the resolved path compared with
 * the target directory (`realpath(p).startswith(base)`, `commonpath([...]) == base`), or the name tested for `..` or
 * an absolute path.
 */
export const CONTAINMENT_TESTS: readonly string[] = ['startswith', 'commonpath', 'commonprefix', 'relpath', 'is_relative_to', 'isabs'];
