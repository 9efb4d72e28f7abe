# png_check.py: is a screenshot blank? Decodes an 8-bit RGB(A) PNG with the
# standard library only, samples every fourth pixel of every fourth row,
# prints the counts as a TAP comment and exits 0 when the picture has more
# than 20 colours and over 100 dark pixels (text).
# usage: python3 png_check.py SHOT.png
import struct, sys, zlib
d = open(sys.argv[1], 'rb').read()
assert d[:8] == b'\x89PNG\r\n\x1a\n'
pos, idat = 8, b''
while pos < len(d):
    n, typ = struct.unpack('>I4s', d[pos:pos + 8]); body = d[pos + 8:pos + 8 + n]; pos += 12 + n
    if typ == b'IHDR':
        w, h, depth, ctype, _, _, inter = struct.unpack('>IIBBBBB', body)
        assert depth == 8 and ctype in (2, 6) and inter == 0
        bpp = 3 if ctype == 2 else 4
    elif typ == b'IDAT': idat += body
raw = zlib.decompress(idat); stride = w * bpp; prev = bytearray(stride); colours = set(); dark = 0
for y in range(h):
    f = raw[y * (stride + 1)]; line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    if f == 1:
        for i in range(bpp, stride): line[i] = (line[i] + line[i - bpp]) & 255
    elif f == 2:
        line = bytearray((a + b) & 255 for a, b in zip(line, prev))
    elif f == 3:
        for i in range(stride): line[i] = (line[i] + ((line[i - bpp] if i >= bpp else 0) + prev[i]) // 2) & 255
    elif f == 4:
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0; b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 4 == 0:
        for x in range(0, stride, bpp * 4):
            px = bytes(line[x:x + 3]); colours.add(px); dark += sum(px) < 200
    prev = line
print('# screenshot %dx%d, %d colours sampled, %d dark pixels' % (w, h, len(colours), dark))
sys.exit(0 if len(colours) > 20 and dark > 100 else 1)
