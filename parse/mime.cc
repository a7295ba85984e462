// SPDX-License-Identifier: Apache-2.0
// PLACEHOLDER: being written in this session; replaced before it lands.
#include "parse/mime.h"
