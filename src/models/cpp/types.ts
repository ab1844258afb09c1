// C, C++ and Qt integer and floating types as data: which ones are 32 bits or narrower (arithmetic on them is done in
// `int` or `unsigned int` and wraps at 2^31 / 2^32), which ones are wider (64-bit integers, sizes, doubles), and the
// Qt value classes whose accessors return `int`. `long` is left out of both lists: it is 64 bits on LP64 Linux and
// 32 on Windows, so Qt code cannot rely on either.

/** Integer types of 32 bits or fewer: a product of two of them is computed in (unsigned) int. */
export const NARROW_INTEGER_TYPES: ReadonlySet<string> = new Set([
  'int', 'signed', 'unsigned', 'signed int', 'unsigned int', 'short', 'unsigned short', 'short int', 'signed short',
  'char', 'signed char', 'unsigned char', 'uint', 'ushort', 'uchar', 'qint32', 'quint32', 'qint16', 'quint16',
  'qint8', 'quint8', 'int32_t', 'uint32_t', 'int16_t', 'uint16_t', 'int8_t', 'uint8_t', 'GLint', 'GLuint', 'GLsizei',
]);

/** Types wider than int: a value converted to one of them was meant to exceed int's range. */
export const WIDE_ARITHMETIC_TYPES: ReadonlySet<string> = new Set([
  'qint64', 'quint64', 'int64_t', 'uint64_t', 'long long', 'unsigned long long', 'long long int',
  'unsigned long long int', 'qlonglong', 'qulonglong', 'qsizetype', 'size_t', 'ssize_t', 'ptrdiff_t', 'qptrdiff',
  'quintptr', 'qintptr', 'uintptr_t', 'intptr_t', 'off_t', 'off64_t', 'double', 'long double', 'qreal',
]);

/** Scalar types that are neither integers of a listed width nor wide arithmetic: a member of one holds garbage until set. */
export const OTHER_SCALAR_TYPES: ReadonlySet<string> = new Set(['float', 'bool', 'wchar_t', 'char16_t', 'char32_t', 'QChar::SpecialCharacter']);

/**
 * Qt value classes whose named accessors return `int` (QSize::width, QRect::bottom, QPoint::x, QImage::depth…): a
 * call on an object declared of that type is an int operand. The floating twins (QSizeF, QRectF, QPointF) are not here.
 */
export const INT_ACCESSORS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['QSize', new Set(['width', 'height'])],
  ['QPoint', new Set(['x', 'y'])],
  ['QRect', new Set(['x', 'y', 'width', 'height', 'left', 'top', 'right', 'bottom'])],
  ['QImage', new Set(['width', 'height', 'depth'])],
  ['QPixmap', new Set(['width', 'height', 'depth'])],
]);
