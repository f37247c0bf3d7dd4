/* Wine 8 (Debian 12) lacks bcryptprimitives.dll, which every Rust std program for Windows
 * loads for ProcessPrng (its random numbers). This stand-in exports ProcessPrng and fills
 * the buffer from RtlGenRandom (advapi32's SystemFunction036), as Windows' own does from the
 * kernel's generator. Built by .ci/run with mingw-w64 into the CI's private wine prefix only;
 * never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
