// C, C++ and Qt library knowledge the C/C++ rules read, as data: which calls allocate or resize by a size argument,
// which calls check a value or an overflow, and which names mark a recursion as bounded.

/** Calls whose argument at `size` is a byte or element count that is allocated (or grows a buffer). */
export const SIZED_ALLOCATIONS: ReadonlyMap<string, { size: number }> = new Map([
  ['malloc', { size: 0 }], ['alloca', { size: 0 }], ['realloc', { size: 1 }], ['qMalloc', { size: 0 }],
  ['qRealloc', { size: 1 }], ['resize', { size: 0 }], ['reserve', { size: 0 }], ['fill', { size: 1 }],
  ['allocate', { size: 0 }], ['memcpy', { size: 2 }], ['memmove', { size: 2 }], ['memset', { size: 2 }],
]);

/** Calls that, given a value, test it against zero, a range or an overflow (a guard when they mention the value). */
export const CHECKING_CALLS: ReadonlySet<string> = new Set([
  'qFuzzyIsNull', 'qIsNull', 'qFuzzyCompare', 'qIsFinite', 'qIsInf', 'qIsNaN', 'Q_ASSERT', 'Q_ASSERT_X',
  'Q_UNLIKELY', 'Q_LIKELY', 'qMax', 'qMin', 'qBound', 'max', 'min', 'clamp', 'abs', 'qAbs', 'isNull', 'isEmpty',
  'qMulOverflow', 'qAddOverflow', 'qSubOverflow', '__builtin_mul_overflow', '__builtin_add_overflow',
  'isValid', 'std::isfinite', 'isfinite',
  // Qt Test: a failed QVERIFY/QCOMPARE returns from the test function, so what follows ran only if it held.
  'QVERIFY', 'QVERIFY2', 'QTRY_VERIFY', 'QTRY_VERIFY2', 'QCOMPARE', 'Q_CHECK_PTR',
]);

/** Calls that ask whether a floating value is finite: what a zero divisor's inf or NaN would fail. */
export const FINITENESS_CHECKS: ReadonlySet<string> = new Set(['qIsFinite', 'qIsInf', 'qIsNaN', 'isfinite', 'isinf', 'isnan']);

/** Names in a function that state an overflow or allocation limit (it checks sizes somewhere). */
export const OVERFLOW_LIMIT_NAMES = /^(?:q(?:Mul|Add|Sub)Overflow|__builtin_(?:mul|add|sub)_overflow|numeric_limits|INT_MAX|UINT_MAX|SIZE_MAX|SSIZE_MAX|INT32_MAX|UINT32_MAX|INT64_MAX|MaxAllocSize|maxSize|max_size|MaxByteArraySize|qCalculateBlockSize|qCalculateGrowingBlockSize)$/;

/**
 * Names that mark a recursion as bounded: a depth counter, a visited set, a re-entrancy guard. Word parts, matched
 * case-insensitively in identifiers of the recursive function (`m_recursing`, `depth`, `visited`, `seenNodes`).
 */
export const RECURSION_GUARD_WORDS = /depth|level|nesting|recurs|visited|seen|cycle|guard|reentr|entered|inUse|busy|loop|stack|ancestors|path|limit|max/i;

/**
 * Methods that only read their object (Qt containers and devices, iterators, the standard library): a loop whose
 * condition calls only these, on objects the body never touches, cannot change its outcome.
 */
export const READ_ONLY_METHODS: ReadonlySet<string> = new Set([
  'size', 'count', 'length', 'isEmpty', 'empty', 'end', 'constEnd', 'cend', 'begin', 'constBegin', 'cbegin',
  'bytesAvailable', 'atEnd', 'isValid', 'isNull', 'contains', 'at', 'value', 'first', 'last', 'pos', 'position',
  'capacity', 'data', 'constData', 'isOpen', 'isReadable', 'isSequential', 'width', 'height',
]);

/**
 * Calls whose pointer result is null in ordinary use (a failed cast, a missing lookup, a detached object, libc
 * allocation and search): a result that is dereferenced must be tested first.
 */
export const NULLABLE_RESULTS: ReadonlySet<string> = new Set([
  'dynamic_cast', 'qobject_cast', 'qgraphicsitem_cast', 'qvariant_cast_ptr', 'malloc', 'calloc', 'realloc', 'fopen',
  'getenv', 'strchr', 'strrchr', 'strstr', 'memchr', 'bsearch', 'sender', 'parent', 'parentWidget', 'document',
  'focusObject', 'focusWidget', 'focusWindow', 'activeWindow', 'itemAt', 'childAt', 'findChild', 'scene', 'screen',
  'namedNode', 'styleProperty', 'window', 'currentItem', 'topLevelAt', 'widgetAt', 'cast',
]);

/** Methods that give a pointer to a container's elements (the start of a read at an offset). */
export const CONTAINER_DATA_METHODS: ReadonlySet<string> = new Set(['data', 'constData', 'begin', 'constBegin', 'cbegin', 'unicode', 'utf16']);

/** Methods that tell how much a container or device holds (a function asking is taken to check bounds). */
export const CONTAINER_SIZE_METHODS: ReadonlySet<string> = new Set(['size', 'length', 'count', 'isEmpty', 'empty', 'bytesAvailable', 'end', 'constEnd', 'cend', 'mid', 'sliced', 'left', 'right', 'resize', 'truncate', 'chop']);

/** Calls and constructors that copy a given number of bytes or characters from a pointer: (pointer, length). */
export const COPY_FROM_POINTER: ReadonlySet<string> = new Set([
  'QByteArray', 'fromRawData', 'fromUtf8', 'fromLatin1', 'fromLocal8Bit', 'fromUtf16', 'fromUcs4', 'QString', 'QLatin1String', 'QByteArrayView', 'QStringView',
]);

/** Types constructed from (pointer, length) in a declaration: `QByteArray res(ptr, n);`. */
export const RAW_BYTE_TYPES: ReadonlySet<string> = new Set(['QByteArray', 'QString', 'QLatin1String', 'QByteArrayView', 'QStringView', 'std::string', 'std::string_view']);

/** Non-owning views: they point into a string or byte array that must outlive them. */
export const VIEW_TYPES: ReadonlySet<string> = new Set([
  'QStringView', 'QByteArrayView', 'QLatin1String', 'QLatin1StringView', 'QUtf8StringView', 'QAnyStringView', 'QStringRef',
  'std::string_view', 'string_view', 'std::u16string_view', 'std::span', 'QSpan',
]);

/**
 * Methods and functions that return a new owning string or byte array (never a view, whatever they are called
 * on): a view made from their result points into a temporary destroyed at the end of the statement.
 */
export const OWNING_STRING_RESULTS: ReadonlySet<string> = new Set([
  'toString', 'toUtf8', 'toLatin1', 'toLocal8Bit', 'toUcs4', 'toLower', 'toUpper', 'toCaseFolded', 'simplified',
  'arg', 'number', 'fromUtf8', 'fromLatin1', 'fromLocal8Bit', 'fromStdString', 'toStdString', 'asprintf', 'repeated',
  'join', 'toHtmlEscaped', 'readAll', 'readLine', 'toBase64', 'toHex', 'toPercentEncoding', 'fromPercentEncoding',
  'normalized', 'toDisplayString', 'toLocalFile', 'fileName', 'filePath', 'absoluteFilePath', 'errorString', 'tr',
]);

/** Qt's logging calls that start a `<<` stream (`qDebug() << x`, `qCWarning(cat) << x`). */
export const LOG_STREAM_CALLS: ReadonlySet<string> = new Set([
  'qDebug', 'qInfo', 'qWarning', 'qCritical', 'qFatal', 'qCDebug', 'qCInfo', 'qCWarning', 'qCCritical',
]);

/** A project's own logging macro used as a stream head (`MODULE_DEBUG() << x`): upper case, ends in a log level. */
export const LOG_MACRO_NAME = /^[A-Z][A-Z0-9_]*_(?:DEBUG|INFO|WARN|WARNING|CRITICAL|LOG|TRACE)$/;

/**
 * Events that carry what the user typed, and the argument positions holding it: the key code and text of a
 * QKeyEvent, the pre-edit text of a QInputMethodEvent, the commit string of `setCommitString`. A value passed there
 * is keystroke content (passwords typed into a field included).
 */
export const KEYSTROKE_ARGUMENTS: ReadonlyMap<string, readonly number[]> = new Map([
  ['QKeyEvent', [1, 3]],
  ['QInputMethodEvent', [0]],
  ['setCommitString', [0]],
]);

/** Parameter types that are key codes: a function taking one receives a keystroke (and its text parameters, its text). */
export const KEY_CODE_TYPES: ReadonlySet<string> = new Set(['Qt::Key']);

/** Raw memory copies and compares that trust their length argument (`memcpy(dst, src, n)`). */
export const RAW_MEMORY_CALLS: ReadonlySet<string> = new Set([
  'memcpy', 'memmove', 'memcmp', 'memset', 'strncpy', 'strncat', 'qstrncpy', 'wmemcpy', 'wmemmove', 'copy_n',
]);

/** Calls that end the program or the function without a `return`: a check whose body makes one has stopped. */
export const NO_RETURN_CALLS: ReadonlySet<string> = new Set([
  'abort', 'exit', '_exit', 'quick_exit', 'terminate', 'qFatal', 'Q_UNREACHABLE', 'Q_UNREACHABLE_RETURN', 'longjmp', 'siglongjmp', 'qt_check_pointer', 'qBadAlloc', 'qt_throw_bad_alloc',
]);

/**
 * Calls that hand back bytes or values taken from outside the program: device and stream reads (Qt's QIODevice and
 * QDataStream, libc), byte-order decoding of a header read from a file (`qFromLittleEndian(hdr.rate)`), and parsing of
 * text (`attr.toInt()`, `strtol`). A value they produce is input; a recursion or a division fed by it is the
 * input's to steer.
 */
export const INPUT_READ_CALLS: ReadonlySet<string> = new Set([
  'read', 'readAll', 'readLine', 'readLineInto', 'peek', 'readRawData', 'readBytes', 'readData', 'getChar', 'fread', 'fgets', 'recv', 'recvfrom', 'getline',
  'qFromBigEndian', 'qFromLittleEndian', 'qFromUnaligned', 'ntohl', 'ntohs', 'be32toh', 'le32toh', 'be16toh', 'le16toh',
  'toInt', 'toUInt', 'toLong', 'toULong', 'toLongLong', 'toULongLong', 'toShort', 'toUShort', 'toDouble', 'toFloat',
  'strtol', 'strtoul', 'strtoll', 'strtoull', 'strtod', 'strtof', 'atoi', 'atol', 'atof', 'sscanf',
  'readElementText', 'readNext', 'attribute', 'attributeNS',
]);

/**
 * Qt's ownership convention: a QObject, QGraphicsItem or document node reaches its owner through `parent()` /
 * `m_parent` / `parentItem()`. A walk up that chain ends at the root of a tree the program built (no cycles), so a
 * recursion along it is bounded by construction.
 */
export const TREE_PARENT_LINK = /^(?:m_|d_|_)?parent(?:Item|Node|Object|Widget)?(?:_)?$/i;

/**
 * Calls that return one character code, with the largest value they can return: a table indexed by one must hold
 * that many entries (QChar::unicode() is any UTF-16 code unit, QChar::cell()/row() a byte).
 */
export const CHARACTER_CODE_CALLS: ReadonlyMap<string, number> = new Map([
  ['unicode', 0xffff], ['cell', 0xff], ['row', 0xff],
]);

/** Unsigned integer types narrow enough that their largest value is a table size to compare with. */
export const NARROW_UNSIGNED_MAX: ReadonlyMap<string, number> = new Map([
  ['char16_t', 0xffff], ['ushort', 0xffff], ['quint16', 0xffff], ['uint16_t', 0xffff], ['unsigned short', 0xffff],
  ['uchar', 0xff], ['quint8', 0xff], ['uint8_t', 0xff], ['unsigned char', 0xff],
]);
