/* Wine 8 (Debian 12) lacks bcryptprimitives.dll, whose ProcessPrng the Rust
 * standard library has used on Windows since 1.78. This stand-in, used only to
 * run the test suite under wine in CI, fills the buffer from RtlGenRandom
 * (advapi32's SystemFunction036), which wine does provide. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
